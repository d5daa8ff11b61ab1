package io.leadscore.batch;

/** Reading job parameters, which arrive as text: absent means the default, nonsense fails the job with a reason. */
final class JobParameters {

    private JobParameters() {
    }

    static int positive(String name, String value, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Job parameter " + name + " must be a whole number above 0, not '" + value + "'");
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
