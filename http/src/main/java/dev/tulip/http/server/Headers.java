package dev.tulip.http.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** HTTP header fields: names case-insensitive, order and repeats kept. */
public final class Headers {
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();
    private final Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** Empty headers. */
    public Headers() {
    }

    /**
     * Adds a field.
     *
     * @param name its name
     * @param value its value
     * @return this
     */
    public Headers add(String name, String value) {
        fields.add(Map.entry(name, value));
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /**
     * Replaces every field of a name with one.
     *
     * @param name its name
     * @param value its value
     * @return this
     */
    public Headers set(String name, String value) {
        fields.removeIf(e -> e.getKey().equalsIgnoreCase(name));
        byName.remove(name);
        return add(name, value);
    }

    /**
     * The first value of a field.
     *
     * @param name its name, in any case
     * @return the value, or null
     */
    public String get(String name) {
        List<String> v = byName.get(name);
        return v == null ? null : v.get(0);
    }

    /**
     * Every value of a field.
     *
     * @param name its name, in any case
     * @return the values, possibly none
     */
    public List<String> all(String name) {
        return Collections.unmodifiableList(byName.getOrDefault(name, List.of()));
    }

    /**
     * Whether a comma-separated field holds a token, case-insensitively ({@code Connection: keep-alive, Upgrade}).
     *
     * @param name the field
     * @param token the token
     * @return true when one of its values lists the token
     */
    public boolean hasToken(String name, String token) {
        for (String v : all(name)) {
            for (String t : v.split(",")) {
                if (t.trim().toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The fields in order.
     *
     * @return name-value pairs
     */
    public List<Map.Entry<String, String>> fields() {
        return Collections.unmodifiableList(fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
