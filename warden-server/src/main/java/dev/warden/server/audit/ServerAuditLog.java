package dev.warden.server.audit;

import dev.warden.audit.export.OcsfMapper;
import dev.warden.audit.log.LogKeySource;
import dev.warden.audit.log.LogStores;
import dev.warden.audit.log.VerifiableLog;
import dev.warden.audit.siem.SiemForwarder;
import dev.warden.audit.siem.WebhookSink;
import dev.warden.server.ServerOptions;
import dev.warden.server.config.AuditSettings;
import dev.warden.store.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The server's {@link VerifiableLog}: over the SQLite stores, with the settings of the config's
 * {@code audit:} section, the log key in {@code <data-dir>/keys/audit-log.key} and the SIEM cursor
 * in {@code <data-dir>/audit-siem.cursor}.
 */
public final class ServerAuditLog {
    private ServerAuditLog() {
    }

    /**
     * Reads the audit settings and opens the log (validating it unless disabled).
     *
     * @throws dev.warden.audit.log.AuditLogCorruptException if the stored log fails validation
     * @throws IOException if the key file cannot be read or written
     */
    public static VerifiableLog open(ServerOptions options, String trustDomain, JdbcStores stores) throws IOException {
        AuditSettings settings = AuditSettings.load(options.configDir(), trustDomain);
        Path keyFile = options.dataDir().resolve("keys").resolve("audit-log.key");
        VerifiableLog.Builder log = VerifiableLog.builder(
                        new LogStores(stores.audit(), stores.checkpoints(), stores.audit()), settings.origin())
                .key(LogKeySource.file(keyFile, settings.origin(), new SecureRandom()))
                .checkpoints(settings.checkpoints())
                .validateOnOpen(settings.validateOnStart())
                .clock(options.clock());
        settings.siem().ifPresent(s -> log.siem(siem(s, settings.origin(), stores, options.dataDir())));
        return log.open();
    }

    private static SiemForwarder siem(AuditSettings.Siem s, String origin, JdbcStores stores, Path dataDir) {
        Optional<String> token = s.tokenEnv().map(System::getenv).filter(t -> !t.isBlank());
        return new SiemForwarder(stores.audit(), s.format(), new OcsfMapper(origin, VerifiableLog.VERSION),
                new WebhookSink(s.url(), s.batchSize(), token), s.batchSize(), dataDir.resolve("audit-siem.cursor"));
    }
}
