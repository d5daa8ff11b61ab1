package io.leadscore.odata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lead addressed by its alternate key, as Dataverse's alternate keys:
 * {@code Leads(externalSource='crm',externalId='42')} (either order), optionally followed by a navigation or action
 * segment. Olingo parses only the entity's declared key, so the servlet reads the alternate key first and hands
 * Olingo the lead's own address; the processor then knows which lead the client named (or that none has the key, for
 * an upsert).
 */
record AlternateKey(String externalSource, String externalId, String rest) {

    private static final Pattern KEY = Pattern.compile(
            "^/Leads\\((externalSource|externalId)='((?:[^']|'')*)',(externalSource|externalId)='((?:[^']|'')*)'\\)"
                    + "(/[A-Za-z0-9_./]*)?$");

    /** The alternate key in a raw (percent-encoded) OData path such as {@code /Leads(...)/score}, if it has one. */
    static Optional<AlternateKey> in(String rawPath) {
        String path = decode(rawPath);
        if (path == null) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(path);
        if (!m.matches() || m.group(1).equals(m.group(3))) {
            return Optional.empty();
        }
        String first = m.group(2).replace("''", "'");
        String second = m.group(4).replace("''", "'");
        boolean sourceFirst = m.group(1).equals("externalSource");
        return Optional.of(new AlternateKey(sourceFirst ? first : second, sourceFirst ? second : first,
                m.group(5) == null ? "" : m.group(5)));
    }

    /** Percent-decoding of a URI path (a '+' stays a '+'); null when it is not well-formed UTF-8. */
    private static String decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length) {
                    return null;
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
