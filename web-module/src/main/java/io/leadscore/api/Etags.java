package io.leadscore.api;

import io.leadscore.common.ValidationException;
import jakarta.ws.rs.core.EntityTag;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Versions as weak entity tags ({@code W/"3"}) and the If-Match header back to a version. */
public final class Etags {

    private static final Pattern TAG = Pattern.compile("^\\s*(?:W/)?\"(\\d{1,18})\"\\s*$");

    private Etags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version), true);
    }

    /** The version an If-Match header demands, or null when absent or {@code *}. */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Matcher m = TAG.matcher(header);
        if (!m.matches()) {
            throw new ValidationException("If-Match", "must be an entity tag such as W/\"3\" from the ETag header");
        }
        return Long.parseLong(m.group(1));
    }
}
