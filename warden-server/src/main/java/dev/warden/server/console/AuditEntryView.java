package dev.warden.server.console;

import java.util.List;

/**
 * One audit entry: every field, the canonical entry that is hashed, and the section whose script
 * verifies the entry's inclusion proof in the browser.
 *
 * @param chrome     the frame
 * @param row        the entry as the list shows it
 * @param session    its session id, or empty
 * @param decisionId its decision id, or empty
 * @param leafHash   its stored leaf hash (hex)
 * @param chainHash  its stored chain hash (hex)
 * @param fields     the entry's top-level fields, values as text
 * @param entry      the canonical JSON of the entry, exactly as hashed
 * @param proofUrl   where the script fetches the proof
 */
public record AuditEntryView(Chrome chrome, AuditRow row, String session, String decisionId, String leafHash,
                             String chainHash, List<Field> fields, String entry, String proofUrl) {
    /**
     * A field of the entry.
     *
     * @param name  its name
     * @param value its value as text (canonical JSON unless a string)
     */
    public record Field(String name, String value) {
    }
}
