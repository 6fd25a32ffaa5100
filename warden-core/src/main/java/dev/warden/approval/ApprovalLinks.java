package dev.warden.approval;

import java.util.Objects;

/**
 * Where a human opens an approval: the console page and the API resource, under the server's
 * public base URL (e.g. {@code https://warden.example.com}).
 *
 * @param baseUrl the public base URL, without a trailing slash
 */
public record ApprovalLinks(String baseUrl) {
    /** Validates and drops trailing slashes. */
    public ApprovalLinks {
        Objects.requireNonNull(baseUrl, "baseUrl");
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** The console page of an approval: {@code <base>/console/approvals/<id>}. */
    public String console(ApprovalId id) {
        return baseUrl + "/console/approvals/" + id.value();
    }

    /** The API resource of an approval: {@code <base>/v1/approvals/<id>}. */
    public String api(ApprovalId id) {
        return baseUrl + "/v1/approvals/" + id.value();
    }
}
