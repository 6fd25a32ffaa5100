package dev.warden.policy.cedar;

import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.DetailedError;
import dev.warden.policy.PolicyVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Cedar's answer into a {@link PolicyVerdict}, mapping Cedar's policy ids back to Warden's
 * and failing closed: an evaluation error in a forbid (or in a policy Cedar names but Warden does
 * not know) is {@link PolicyVerdict.Failed}; an error in a permit only removes that permit, which
 * Cedar already does.
 */
final class VerdictMapper {
    private final Map<String, LoadedPolicy> byCedarId = new HashMap<>();

    VerdictMapper(List<LoadedPolicy> policies) {
        policies.forEach(p -> byCedarId.put(p.cedarId(), p));
    }

    PolicyVerdict map(AuthorizationResponse response) {
        if (response.type != AuthorizationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
            List<String> messages = response.errors.map(errors -> errors.stream().map(e -> e.message).toList())
                    .orElse(List.of());
            return new PolicyVerdict.Failed(List.of(), "Cedar could not evaluate the request: "
                    + (messages.isEmpty() ? "no reason given" : String.join("; ", messages)));
        }
        AuthorizationSuccessResponse success = response.success.get();
        PolicyVerdict failed = forbidErrors(success.getErrors());
        if (failed != null) {
            return failed;
        }
        List<LoadedPolicy> determining = new ArrayList<>();
        for (String cedarId : success.getReason()) {
            LoadedPolicy p = byCedarId.get(cedarId);
            if (p == null) {
                return new PolicyVerdict.Failed(List.of(cedarId), "Cedar named an unknown policy " + cedarId);
            }
            determining.add(p);
        }
        determining.sort(Comparator.comparingInt(LoadedPolicy::index));
        if (!success.isAllowed()) {
            return determining.isEmpty() ? new PolicyVerdict.NoPermit() : new PolicyVerdict.Forbid(ids(determining));
        }
        if (determining.isEmpty() || determining.stream().anyMatch(p -> !p.permit() && !p.hold())) {
            return new PolicyVerdict.Failed(ids(determining), "Cedar allowed without a determining permit");
        }
        // holds reach Cedar as permits: a hold alone permits nothing, beside a permit it asks for an approval
        List<LoadedPolicy> permits = determining.stream().filter(LoadedPolicy::permit).toList();
        if (permits.isEmpty()) {
            return new PolicyVerdict.NoPermit();
        }
        List<LoadedPolicy> approvals = permits.stream().filter(LoadedPolicy::approval).toList();
        List<LoadedPolicy> holds = determining.stream().filter(LoadedPolicy::hold).toList();
        dev.warden.approval.ApprovalTerms terms = dev.warden.approval.ApprovalTerms.NONE;
        for (LoadedPolicy p : approvals) {
            terms = terms.and(p.terms());
        }
        for (LoadedPolicy p : holds) {
            terms = terms.and(p.terms());
        }
        return new PolicyVerdict.Permit(ids(permits), ids(approvals), ids(holds), terms);
    }

    private PolicyVerdict forbidErrors(List<AuthorizationSuccessResponse.AuthorizationError> errors) {
        if (errors == null || errors.isEmpty()) {
            return null;
        }
        // Cedar lists errors in no fixed order (it varies from call to call); load order, then unknown
        // ids sorted, keeps the same query's verdict the same, message included.
        Map<Integer, String> failedForbids = new TreeMap<>();
        Map<Integer, String> forbidMessages = new TreeMap<>();
        Map<String, String> unknown = new TreeMap<>();
        for (AuthorizationSuccessResponse.AuthorizationError error : errors) {
            LoadedPolicy p = byCedarId.get(error.getPolicyId());
            if (p != null && p.permit()) {
                continue;
            }
            String id = p == null ? error.getPolicyId() : p.wardenId();
            String text = "forbid policy '" + id + "' raised an error: " + message(error.getError());
            if (p == null) {
                unknown.merge(id, text, (a, b) -> a + "; " + b);
            } else {
                failedForbids.put(p.index(), id);
                forbidMessages.merge(p.index(), text, (a, b) -> a + "; " + b);
            }
        }
        if (failedForbids.isEmpty() && unknown.isEmpty()) {
            return null;
        }
        List<String> ids = new ArrayList<>(failedForbids.values());
        ids.addAll(unknown.keySet());
        List<String> messages = new ArrayList<>(forbidMessages.values());
        messages.addAll(unknown.values());
        return new PolicyVerdict.Failed(ids, String.join("; ", messages));
    }

    private static String message(DetailedError error) {
        return error == null ? "unknown error" : error.message;
    }

    private static List<String> ids(List<LoadedPolicy> policies) {
        return policies.stream().map(LoadedPolicy::wardenId).toList();
    }
}
