package dev.warden.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The approver groups of the configuration ({@code approvals.groups} of {@code warden.yaml}): who
 * may approve an approval whose policies named a group ({@code @approvers}), and the alert channels
 * that hear of one.
 *
 * <p>Rule: an approval naming groups is approved only by an operator who is a member of at least
 * one of them (an admin too); any operator who may otherwise decide it (an admin, an approver in
 * scope) may still deny it. An approval naming no group is decided as before.
 *
 * @param groups the groups by name
 */
public record ApproverGroups(Map<String, Group> groups) {
    /** No groups configured. */
    public static final ApproverGroups NONE = new ApproverGroups(Map.of());

    /** Copies the map, keeping its order. */
    public ApproverGroups {
        groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /**
     * One approver group.
     *
     * @param name      the group's name, as {@code @approvers} names it
     * @param operators the operators (account names) who may approve for it
     * @param notifyChannels alert channels that hear of a new approval for it, in order
     */
    public record Group(String name, Set<String> operators, List<String> notifyChannels) {
        /** Copies. */
        public Group {
            operators = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(operators));
            notifyChannels = List.copyOf(notifyChannels);
        }
    }

    /** The group of this name. */
    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** Whether the operator may approve the approval: it names no group, or the operator is in one of them. */
    public boolean mayApprove(Approval approval, String operator) {
        return approval.groups().isEmpty() || approval.groups().stream()
                .map(groups::get).anyMatch(g -> g != null && g.operators().contains(operator));
    }

    /** The notify channels of one group (empty for an unknown group). */
    public List<String> notifyChannels(String group) {
        return group(group).map(Group::notifyChannels).orElse(List.of());
    }

    /** The notify channels of every group the approval names, in order, without repeats. */
    public List<String> notifyChannels(Approval approval) {
        Set<String> channels = new LinkedHashSet<>();
        approval.groups().forEach(g -> channels.addAll(notifyChannels(g)));
        return new ArrayList<>(channels);
    }
}
