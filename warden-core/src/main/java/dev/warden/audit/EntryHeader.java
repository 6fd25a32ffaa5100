package dev.warden.audit;

import dev.warden.json.JsonReader;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level {@code schema} and {@code seq} of a stored entry, read by parsing its JSON object
 * with the strict {@link JsonReader} (nested values are never searched). The one place
 * {@link ChainVerifier} reads entries.
 *
 * @param schema the top-level {@code schema} string, if present once
 * @param seq    the top-level {@code seq} integer, if present once and within a long
 */
record EntryHeader(Optional<String> schema, Optional<Long> seq) {

    /**
     * Reads the header of {@code entry}.
     *
     * @throws IllegalArgumentException if the entry is not one JSON object or repeats a member
     */
    static EntryHeader of(String entry) {
        Map<String, Object> members = JsonReader.parseObject(entry); // strict: a repeated member is refused
        return new EntryHeader(members.get("schema") instanceof String schema ? Optional.of(schema) : Optional.empty(),
                members.get("seq") instanceof Long seq ? Optional.of(seq) : Optional.empty());
    }
}
