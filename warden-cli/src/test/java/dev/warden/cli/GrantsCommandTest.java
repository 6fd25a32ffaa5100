package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden grants add|list|revoke} against a real server: a grant turns the matching refund into an allow. */
class GrantsCommandTest {
    @TempDir
    Path data;
    TestWarden warden;

    @BeforeEach
    void start() throws Exception {
        warden = TestWarden.start(data);
    }

    @AfterEach
    void stop() {
        warden.close();
    }

    private Cli.Result refund(String order, String amount) {
        return Cli.run("decide", "--key", warden.seedKey("support-bot").toString(), "--action", "refund.process",
                "--resource", "order/" + order, "--args", "{\"order_id\":\"" + order + "\",\"amount\":" + amount + "}");
    }

    @Test
    void add_thenTheMatchingRefundIsAllowed_list_revoke() {
        Cli.Result add = warden.operator("grants", "add", "support-bot", "refund.*", "--when", "amount<50",
                "--when", "order_id in o-1,o-2", "--max-uses", "5", "--for", "2h", "--reason", "outage");
        assertThat(add.exit()).as(add.toString()).isZero();
        String id = add.json().path("id").asText();
        assertThat(id).startsWith("grt_");
        assertThat(add.json().path("when").get(0).path("value").asInt()).isEqualTo(50);

        Cli.Result allowed = refund("o-1", "20");
        assertThat(allowed.out()).as(allowed.toString()).contains("\"allow\"").contains(id);
        assertThat(refund("o-3", "20").out()).contains("approval_required");

        Cli.Result list = warden.operator("grants", "list", "--agent", "support-bot");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.json().path("grants").get(0).path("uses").asInt()).isEqualTo(1);

        Cli.Result revoke = warden.operator("grants", "revoke", id, "--note", "over");
        assertThat(revoke.exit()).as(revoke.toString()).isZero();
        assertThat(revoke.json().path("state").asText()).isEqualTo("revoked");
        assertThat(refund("o-2", "20").out()).contains("approval_required");
        assertThat(warden.operator("grants", "list").json().path("grants")).isEmpty();
    }

    @Test
    void badWhen_isAUsageError() {
        Cli.Result bad = warden.operator("grants", "add", "support-bot", "refund.process", "--when", "amount",
                "--for", "2h", "--reason", "x");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("ARG OP VALUE");
    }

    @Test
    void conditionsParseTypedValues() {
        assertThat(GrantCondition.parse("amount<50").json().toString()).isEqualTo("{\"arg\":\"amount\",\"op\":\"<\",\"value\":50}");
        assertThat(GrantCondition.parse("amount <= 49.5").json().toString()).contains("\"<=\"").contains("49.5");
        assertThat(GrantCondition.parse("customer.id==\"42\"").json().toString()).contains("\"value\":\"42\"");
        assertThat(GrantCondition.parse("vip != true").json().toString()).contains("\"value\":true");
        assertThat(GrantCondition.parse("region in eu, us").json().toString()).contains("[\"eu\",\"us\"]");
        assertThatThrownBy(() -> GrantCondition.parse("<50")).hasMessageContaining("ARG OP VALUE");
    }
}
