package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden operators ...}: named operator accounts, their roles and API keys (admin). */
@Command(name = "operators", mixinStandardHelpOptions = true,
        description = {"Manage operators: named humans with roles. A role is admin, auditor, owner or approver;",
                "an approver may be scoped: approver@PROJECT or approver@PROJECT:TOOL[,TOOL...] (a TOOL ending",
                "in * is a prefix). Every change is recorded in the audit trail with you as the operator."},
        subcommands = OperatorsCommand.Keys.class)
public final class OperatorsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Create an operator. The password (12 to 1024 characters) is read from the terminal without",
                    "echo, or with --password-stdin from one line of standard input; without either, on no terminal,",
                    "the operator has no password and signs in with API keys only."})
    int add(@Parameters(index = "0", paramLabel = "NAME", description = "Its name (an agent's owner names it this way).") String name,
            @Option(names = "--role", required = true, paramLabel = "ROLE", description = "A role; repeat for more.") List<String> roles,
            @Option(names = "--password-stdin", description = "Read the password from standard input.") boolean stdin,
            @Option(names = "--no-password", description = "No password: the operator uses API keys only.") boolean none,
            @Mixin OperatorOptions op) {
        ObjectNode body = CliJson.object();
        body.put("name", name);
        body.set("roles", array(roles));
        if (!none) {
            char[] p = OperatorSession.readPassword("Password for " + name + ": ", stdin);
            body.put("password", new String(p));
            java.util.Arrays.fill(p, '\0');
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/operators", token, body));
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List operators (JSON): name, roles, disabled.")
    int list(@Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/operators", token));
        }
        return 0;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable an operator: it can no longer sign in, and its tokens and keys stop working at once.")
    int disable(@Parameters(index = "0", paramLabel = "NAME") String name, @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/operators/" + WardenClient.encode(name) + "/disable", token, CliJson.object()));
        }
        return 0;
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Replace an operator's roles.")
    int role(@Parameters(index = "0", paramLabel = "NAME") String name,
             @Option(names = "--role", required = true, paramLabel = "ROLE", description = "A role; repeat for more.") List<String> roles,
             @Mixin OperatorOptions op) {
        ObjectNode body = CliJson.object();
        body.set("roles", array(roles));
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/operators/" + WardenClient.encode(name) + "/roles", token, body));
        }
        return 0;
    }

    /** {@code warden operators keys add|revoke|list}. */
    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = {"API keys for automation: a key carries a subset of its operator's roles, is shown once,",
                    "stored hashed and can be revoked. An operator manages its own keys; an admin anyone's."})
    static final class Keys implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "add", mixinStandardHelpOptions = true,
                description = "Create a key; prints it once in \"key\" (keep it like a password).")
        int add(@Parameters(index = "0", paramLabel = "NAME", description = "The operator.") String name,
                @Option(names = "--role", paramLabel = "ROLE", description = "A role of the key (default: all the operator's).") List<String> roles,
                @Option(names = "--expires-in", paramLabel = "SECONDS", description = "Lifetime in seconds (default: none).") Long expiresIn,
                @Mixin OperatorOptions op) {
            ObjectNode body = CliJson.object();
            if (roles != null) {
                body.set("roles", array(roles));
            }
            if (expiresIn != null) {
                body.put("expires_in", expiresIn);
            }
            String token = op.token();
            try (WardenClient client = op.client()) {
                Output.json(spec, client.postJson("/v1/operators/" + WardenClient.encode(name) + "/keys", token, body));
            }
            return 0;
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List an operator's keys (never the keys themselves).")
        int list(@Parameters(index = "0", paramLabel = "NAME") String name, @Mixin OperatorOptions op) {
            String token = op.token();
            try (WardenClient client = op.client()) {
                Output.json(spec, client.get("/v1/operators/" + WardenClient.encode(name) + "/keys", token));
            }
            return 0;
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key: it stops working at once.")
        int revoke(@Parameters(index = "0", paramLabel = "NAME") String name,
                   @Parameters(index = "1", paramLabel = "KEY_ID") String keyId, @Mixin OperatorOptions op) {
            String token = op.token();
            try (WardenClient client = op.client()) {
                Output.json(spec, client.postJson("/v1/operators/" + WardenClient.encode(name) + "/keys/"
                        + WardenClient.encode(keyId) + "/revoke", token, CliJson.object()));
            }
            return 0;
        }
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = CliJson.object().arrayNode();
        values.forEach(a::add);
        return a;
    }
}
