package dev.warden.policy.cedar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.JsonSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CedarSchemaGeneratorTest {

    private static CedarType typeOf(Map<String, Object> schema) {
        return CedarSchemaGenerator.typeOf(JsonSchema.of(schema));
    }

    @Test
    void typeOf_scalarTypes_mapToCedar() {
        assertThat(typeOf(Map.of("type", "string"))).isEqualTo(new CedarType.StringType());
        assertThat(typeOf(Map.of("type", "integer"))).isEqualTo(new CedarType.LongType());
        assertThat(typeOf(Map.of("type", "number"))).isEqualTo(new CedarType.DecimalType());
        assertThat(typeOf(Map.of("type", List.of("integer", "number")))).isEqualTo(new CedarType.DecimalType());
        assertThat(typeOf(Map.of("type", "boolean"))).isEqualTo(new CedarType.BoolType());
        assertThat(typeOf(Map.of("type", List.of("string", "null")))).isEqualTo(new CedarType.StringType());
    }

    @Test
    void typeOf_inexpressibleSchemas_haveNoType() {
        assertThat(typeOf(Map.of())).isNull();
        assertThat(typeOf(Map.of("type", "null"))).isNull();
        assertThat(typeOf(Map.of("type", List.of("string", "integer")))).isNull();
        assertThat(typeOf(Map.of("type", "array"))).isNull();
        assertThat(typeOf(Map.of("type", "array", "items", Map.of("type", List.of("string", "null"))))).isNull();
        assertThat(typeOf(Map.of("type", "array", "items", Map.of()))).isNull();
    }

    @Test
    void argsType_objectsAndArrays_becomeRecordsAndSets() {
        CedarType.RecordType args = CedarSchemaGenerator.argsType(JsonSchema.of(Map.of(
                "type", "object",
                "properties", Map.of(
                        "ids", Map.of("type", "array", "items", Map.of("type", "integer")),
                        "opt", Map.of("type", List.of("boolean", "null")),
                        "nullableRequired", Map.of("type", List.of("string", "null")),
                        "nested", Map.of("type", "object", "properties", Map.of("x", Map.of("type", "number")),
                                "required", List.of("x")),
                        "__entity", Map.of("type", "string"),
                        "untyped", Map.of()),
                "required", List.of("ids", "nullableRequired", "nested"))));

        assertThat(args.attributes()).containsOnlyKeys("ids", "opt", "nullableRequired", "nested");
        assertThat(args.attributes().get("ids"))
                .isEqualTo(new CedarType.Attribute(new CedarType.SetType(new CedarType.LongType()), true));
        assertThat(args.attributes().get("opt")).isEqualTo(new CedarType.Attribute(new CedarType.BoolType(), false));
        assertThat(args.attributes().get("nullableRequired").required()).isFalse();
        assertThat(args.attributes().get("nested")).isEqualTo(new CedarType.Attribute(new CedarType.RecordType(
                Map.of("x", new CedarType.Attribute(new CedarType.DecimalType(), true))), true));
    }

    @Test
    void generate_catalog_declaresActionsGroupsAndContext() {
        CedarSchemaGenerator.Generated generated = CedarSchemaGenerator.generate(Fixtures.CATALOG);

        assertThat(generated.tools()).containsOnlyKeys("refund.process", "inventory.read", "customer.delete", "email.send");
        ToolBinding refund = generated.tools().get("refund.process");
        assertThat(refund.actionIds()).containsExactlyInAnyOrder("refund.process", "effect:financial", "effect:write");
        assertThat(refund.fixedContext()).containsOnlyKeys("effects", "risk", "risk_rank", "tool");
        var actions = generated.json().path("").path("actions");
        assertThat(actions.has("effect:external")).isTrue();
        assertThat(actions.path("refund.process").path("appliesTo").path("context").path("attributes")
                .path("args").path("attributes").path("amount").path("name").asText()).isEqualTo("decimal");
    }

    @Test
    void generate_declaredContextEntry_isAnOptionalTypedAttributeOfEveryActionsContext() {
        CedarSchemaGenerator.Generated generated = CedarSchemaGenerator.generate(Fixtures.CATALOG,
                Map.of("risk_score", JsonSchema.of(Map.of("type", "integer"))));

        assertThat(generated.entries()).isEqualTo(Map.of("risk_score", new CedarType.LongType()));
        var actions = generated.json().path("").path("actions");
        for (String tool : generated.tools().keySet()) {
            var entry = actions.path(tool).path("appliesTo").path("context").path("attributes").path("risk_score");
            assertThat(entry.path("type").asText()).as(tool).isEqualTo("Long");
            assertThat(entry.path("required").asBoolean(true)).as(tool).isFalse();
        }
    }
}
