package io.leadscore.scoring;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Intelligent fields, as Dynamics 365 has them: some raw values mean little to a model on their own,
 * but what they say about the lead does. An email address becomes the kind of its domain (a business
 * domain, a free-mail provider, or an invalid address); a first or last name, valid or not; a phone
 * number, valid or not.
 */
final class Intelligence {

    public static final String BUSINESS = "Business domain";
    public static final String FREE_MAIL = "Free-mail domain";
    public static final String INVALID = "Invalid";
    public static final String VALID = "Valid";

    private static final Set<String> FREE_MAIL_DOMAINS = Set.of(
            "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com",
            "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "outlook.com", "live.com", "msn.com",
            "aol.com", "icloud.com", "me.com", "mac.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
            "mail.ru", "yandex.com", "yandex.ru", "protonmail.com", "proton.me", "zoho.com", "qq.com", "163.com",
            "126.com", "rediffmail.com", "free.fr", "orange.fr", "laposte.net", "libero.it", "t-online.de",
            "bol.com.br", "uol.com.br", "terra.com.br", "example.org");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}$");
    private static final Pattern NAME = Pattern.compile("^[\\p{L}][\\p{L}\\p{M}' .-]*$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().-]{6,}$");

    private Intelligence() {
    }

    /** Whether a path is read through one of the intelligent fields. */
    public static boolean applies(String path) {
        return switch (path) {
            case "email", "contact/email", "firstName", "lastName", "contact/firstName", "contact/lastName",
                 "phone" -> true;
            default -> false;
        };
    }

    /** The value the model sees for a raw value of the path. Null stays null (missing). */
    public static Object derive(String path, Object raw) {
        if (raw == null || !applies(path)) {
            return raw;
        }
        String s = raw.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        return switch (path) {
            case "email", "contact/email" -> emailKind(s);
            case "phone" -> PHONE.matcher(s).matches() && s.chars().filter(Character::isDigit).count() >= 6
                    ? VALID : INVALID;
            default -> validName(s) ? VALID : INVALID;
        };
    }

    static String emailKind(String email) {
        if (!EMAIL.matcher(email).matches()) {
            return INVALID;
        }
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return FREE_MAIL_DOMAINS.contains(domain) ? FREE_MAIL : BUSINESS;
    }

    static boolean validName(String name) {
        if (name.length() < 2 || !NAME.matcher(name).matches()) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        // keyboard mashing and placeholders: no vowel at all, one letter repeated, or a known filler
        boolean vowel = lower.chars().anyMatch(c -> "aeiouyàáâäãåèéêëìíîïòóôöõùúûüýæøœ".indexOf(c) >= 0);
        boolean repeated = lower.chars().distinct().count() == 1;
        boolean filler = Set.of("test", "asdf", "qwerty", "unknown", "none", "n/a", "na", "xxx", "abc", "null")
                .contains(lower);
        return (vowel || name.length() <= 3) && !repeated && !filler;
    }
}
