package dev.warden.scan.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialAssignmentDetectorTest {
    private final CredentialAssignmentDetector detector = new CredentialAssignmentDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsValuesOfCredentialKeysInManySyntaxes() {
        assertThat(found("DB_PASSWORD=Harbor9161%\nAPI_KEY=abc123XYZ")).containsExactly("Harbor9161%", "abc123XYZ");
        assertThat(found("{\"client_secret\": \"GOCSPX-7hT2kLm\", \"retries\": 3}")).containsExactly("GOCSPX-7hT2kLm");
        assertThat(found("database:\n  password: \"s3cr3t!x\"\n  user: app")).containsExactly("s3cr3t!x");
        assertThat(found("$password = 'S3cr3t!Pass'; spring.datasource.password=pa55word")).containsExactly("S3cr3t!Pass", "pa55word");
        assertThat(found("mysql --password 'Tr0ub4dor' -u root")).containsExactly("Tr0ub4dor");
        assertThat(found("postgres://orders:Falcon7734@db:5432/orders")).containsExactly("Falcon7734");
        assertThat(found("requests.get(u, auth=(\"svc\", \"pa55-W0rd\"))")).containsExactly("pa55-W0rd");
        assertThat(found("curl -u admin:S3cr3tP4ss! https://api.example.com")).containsExactly("S3cr3tP4ss!");
        assertThat(found("<add key=\"Db\" value=\"Server=db;User Id=sa;Password=Kx9#mPq2;Encrypt=true\" />")).containsExactly("Kx9#mPq2");
        assertThat(found("{\"note\": \"password: must be long\", \"url\": \"https://example.com/?a=1\"}")).isEmpty();
    }

    @Test
    void findsAuthorizationHeaderCredentialsAfterTheScheme() {
        assertThat(found("Authorization: Bearer abc.DEF-123_xyz\nAccept: */*")).containsExactly("abc.DEF-123_xyz");
        assertThat(found("{'Authorization': 'Basic dXNlcjpwYXNz'}")).containsExactly("dXNlcjpwYXNz");
        assertThat(found("X-Api-Key: k3y-0f-th3-day")).containsExactly("k3y-0f-th3-day");
    }

    @Test
    void skipsPlaceholdersReferencesCodeProseAndMetadataKeys() {
        assertThat(found("DB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=<your-api-key>\nSECRET_KEY=changeme\nTOKEN=****\nPASSWORD=")).isEmpty();
        assertThat(found("token = request.headers.get(\"Authorization\")\npassword = os.environ[\"PW\"]\napiKey = cfg.apiKey")).isEmpty();
        assertThat(found("Password: must be at least 12 characters")).isEmpty();
        assertThat(found("max_tokens: 4096\ntoken_url: https://auth.example.com/token\naccess_key_id: AKIA123\npassword_policy: strict"))
                .isEmpty();
        assertThat(found("\"password\": {\"type\": \"string\"}, password: string")).isEmpty();
        assertThat(found("Authorization: Bearer {{token}}\nAuthorization: Bearer <token>")).isEmpty();
        assertThat(found("if password == other_password: pass")).isEmpty();
        assertThat(found("secret_scanning: enabled\npassword_encoder: bcrypt\ndb_password: hunter")).containsExactly("hunter");
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("password=".repeat(10_000))).isEmpty();
        assertThat(found("a=".repeat(50_000))).isEmpty();
        assertThat(found("\"token\": \"" + "a".repeat(100_000))).isEmpty();
        assertThat(found(":".repeat(100_000) + "=".repeat(100_000))).isEmpty();
        assertThat(found("--token --token ".repeat(6_000))).isEmpty();
        assertThat(found("x://a:".repeat(16_000))).isEmpty();
    }
}
