package io.leadscore.api;

import io.leadscore.common.ValidationException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import static io.leadscore.common.Jsons.JSON;

/** Reads request bodies: at most {@link #MAX_BYTES}, UTF-8, one JSON object; anything else is a clear 4xx. */
public final class JsonBodies {

    public static final int MAX_BYTES = 1024 * 1024;
    /** A bulk call's body: a thousand leads of up to 16 KB each. */
    public static final int MAX_BULK_BYTES = 16 * 1024 * 1024;
    /** No body of this API nests deeper than a few levels; a deeper one is refused before it is parsed. */
    public static final int MAX_DEPTH = 32;

    private JsonBodies() {
    }

    public static JsonObject readObject(InputStream in) {
        return readObject(in, MAX_BYTES);
    }

    /** A JSON object of at most {@code maxBytes} (bulk calls carry up to a thousand records). */
    public static JsonObject readObject(InputStream in, int maxBytes) {
        JsonObject obj = readOptionalObject(in, maxBytes);
        if (obj == null) {
            throw new ValidationException("body", "is empty; send a JSON object");
        }
        return obj;
    }

    /** A JSON object, or null for an empty body. */
    public static JsonObject readOptionalObject(InputStream in) {
        return readOptionalObject(in, MAX_BYTES);
    }

    private static JsonObject readOptionalObject(InputStream in, int maxBytes) {
        String text = readText(in, maxBytes);
        if (text.isBlank()) {
            return null;
        }
        if (depth(text) > MAX_DEPTH) {
            throw new ValidationException("body", "nests objects and arrays more than " + MAX_DEPTH + " levels deep");
        }
        JsonValue value;
        boolean more;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            more = parser.hasNext(); // a reader would stop after the first value and ignore the rest
        } catch (JsonParsingException e) {
            var loc = e.getLocation();
            throw new ValidationException("body", "is not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNumber() + ", column " + loc.getColumnNumber() + ")"));
        } catch (RuntimeException e) { // JsonException, and the parser's own limits
            throw new ValidationException("body", "is not valid JSON");
        }
        if (more) {
            throw new ValidationException("body", "has more after its JSON value");
        }
        if (!(value instanceof JsonObject obj)) {
            throw new ValidationException("body", "must be a JSON object");
        }
        return obj;
    }

    /**
     * A body of at most {@code maxBytes} of UTF-8, nested no deeper than {@link #MAX_DEPTH}, as bytes: for a body
     * another parser reads (the OData service's).
     */
    public static byte[] readBytes(InputStream in, int maxBytes) {
        String text = readText(in, maxBytes);
        if (depth(text) > MAX_DEPTH) {
            throw new ValidationException("body", "nests objects and arrays more than " + MAX_DEPTH + " levels deep");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String readText(InputStream in, int maxBytes) {
        if (in == null) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new ValidationException("body", "could not be read to its end");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("body", "is not valid UTF-8");
        }
    }

    /** The deepest nesting of objects and arrays in a JSON text (brackets inside strings do not count). */
    static int depth(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }

    public static WebApplicationException tooLarge() {
        return tooLarge(MAX_BYTES);
    }

    static WebApplicationException tooLarge(int maxBytes) {
        return new WebApplicationException(Problems.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The body is larger than " + maxBytes + " bytes (" + maxBytes / (1024 * 1024) + " MB)"));
    }
}
