package dev.warden.bench;

import dev.warden.Actor;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.OperatorService;
import dev.warden.operator.PasswordHasher;
import dev.warden.operator.Role;
import dev.warden.operator.RoleGrant;
import dev.warden.operator.SignInLimiter;
import dev.warden.store.jdbc.JdbcStores;
import dev.warden.store.memory.InMemoryAuditStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of authenticating an operator request: {@link OperatorService#authenticate} of a signed-in
 * operator's token and of an API key, over the SQLite operator store, as every operator endpoint
 * pays it before its own work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class OperatorAuthBenchmark {
    private Path dir;
    private JdbcStores stores;
    private GroupCommitAuditLog audit;
    private OperatorService operators;
    private String token;
    private String key;

    /** Opens a SQLite store with one approver who has signed in and holds an API key. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("warden-bench-ops-");
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        audit = new GroupCommitAuditLog(new InMemoryAuditStore());
        SecureRandom random = new SecureRandom();
        operators = new OperatorService(stores.operators(), audit, Clock.systemUTC(), random,
                new PasswordHasher(random), new SignInLimiter(Clock.systemUTC()), OperatorService.TOKEN_TTL);
        List<RoleGrant> roles = List.of(RoleGrant.parse("approver@shop:refund.*"));
        operators.create("alice", roles, Optional.of("correct horse battery".toCharArray()), Actor.operator("admin"));
        token = operators.login("alice", "correct horse battery".toCharArray(), "127.0.0.1").token();
        key = operators.createKey("alice", roles, Optional.empty(), Actor.operator("admin")).key();
        if (!operators.authenticate(token).has(Role.APPROVER)) {
            throw new IllegalStateException("the token does not authenticate alice");
        }
    }

    /** Closes the store and removes its directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        audit.close();
        stores.close();
        Quickstart.deleteTree(dir);
    }

    /** An operator token (from a password sign-in). */
    @Benchmark
    public OperatorPrincipal token() {
        return operators.authenticate(token);
    }

    /** An API key. */
    @Benchmark
    public OperatorPrincipal apiKey() {
        return operators.authenticate(key);
    }
}
