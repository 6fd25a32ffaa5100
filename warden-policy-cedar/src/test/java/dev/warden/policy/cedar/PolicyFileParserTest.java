package dev.warden.policy.cedar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.PolicySource;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFileParserTest {

    @Test
    void split_semicolonsInStringsAndComments_doNotEndStatements() {
        String text = """
                // a comment; with "quotes
                @id("a;b") permit(principal, action, resource) when { context.tool == "x\\";y" };
                forbid(principal, action, resource); // trailing; comment
                // only a comment at the end;
                """;

        List<PolicyFileParser.Statement> statements = PolicyFileParser.split(new PolicySource("f.cedar", text));

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).text()).endsWith("\"x\\\";y\" };");
        assertThat(statements.get(0).line()).isEqualTo(2);
        assertThat(statements.get(0).annotationLine("id")).isEqualTo(2);
        assertThat(statements.get(1).text().strip()).isEqualTo("forbid(principal, action, resource);");
        assertThat(statements.get(1).index()).isEqualTo(1);
        assertThat(statements.get(1).line()).isEqualTo(3);
    }

    @Test
    void split_unterminatedRemainder_isAStatement() {
        List<PolicyFileParser.Statement> statements = PolicyFileParser.split(
                new PolicySource("f.cedar", "permit(principal, action, resource);\n\n  permit(principal"));

        assertThat(statements).hasSize(2);
        assertThat(statements.get(1).line()).isEqualTo(3);
    }

    @Test
    void split_emptyOrCommentOnlyFile_hasNoStatements() {
        assertThat(PolicyFileParser.split(new PolicySource("f.cedar", ""))).isEmpty();
        assertThat(PolicyFileParser.split(new PolicySource("f.cedar", "// nothing\n\n"))).isEmpty();
    }

    @Test
    void lineAtByte_countsUtf8Bytes() {
        String text = "// é😀\npermit(principal, action, resource)\n when { x };";
        PolicyFileParser.Statement statement = PolicyFileParser.split(new PolicySource("f.cedar", "\n" + text)).get(0);
        int xChar = text.indexOf('x');
        int xByte = text.substring(0, xChar).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        assertThat(statement.lineAtByte(xByte)).isEqualTo(4);
        assertThat(statement.lineAtChar(xChar)).isEqualTo(4);
        assertThat(statement.lineAtByte(0)).isEqualTo(1);
        assertThat(statement.line()).isEqualTo(3);
    }

    @Test
    void annotationLine_pointsAtTheAnnotation() {
        PolicyFileParser.Statement statement = PolicyFileParser.split(new PolicySource("f.cedar",
                "@id(\"x\")\n@approval(\"no\")\npermit(principal, action, resource);")).get(0);

        assertThat(statement.annotationLine("id")).isEqualTo(1);
        assertThat(statement.annotationLine("approval")).isEqualTo(2);
        assertThat(statement.annotationLine("other")).isEqualTo(1);
    }
}
