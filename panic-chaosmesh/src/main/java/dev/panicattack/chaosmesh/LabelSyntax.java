package dev.panicattack.chaosmesh;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes name rules that the API server enforces and a manifest must meet before it is written. */
final class LabelSyntax {

    private static final Pattern NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private LabelSyntax() {
    }

    /** Why {@code key} is not a valid label or annotation key ({@code [prefix/]name}), or empty when it is. */
    static Optional<String> keyProblem(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of("the prefix '" + prefix + "' of key '" + key
                        + "' must be a lower-case DNS subdomain such as example.com");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME_PART.matcher(name).matches()) {
            return Optional.of("key '" + key + "' must be at most 63 characters of letters, digits, '-', '_' and '.',"
                    + " starting and ending with a letter or digit (for example app)");
        }
        return Optional.empty();
    }

    /** Why {@code value} is not a valid label value, or empty when it is. */
    static Optional<String> valueProblem(String value) {
        if (value.isEmpty() || value.length() <= 63 && NAME_PART.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of("value '" + value + "' must be at most 63 characters of letters, digits, '-', '_' and '.',"
                + " starting and ending with a letter or digit (for example orders)");
    }

    /** True for a DNS-1123 subdomain: object and Workflow template names. */
    static boolean isSubdomain(String name) {
        return name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
    }

    /** True for a DNS-1123 label: namespaces. */
    static boolean isLabel(String name) {
        return name.length() <= 63 && DNS_LABEL.matcher(name).matches();
    }
}
