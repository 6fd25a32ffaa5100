package dev.warden.simulation.lifecycle;

import java.time.Instant;

/**
 * What the agent did during one stay at a level, counted by the agent and its operators.
 *
 * @param level            the level
 * @param from             when it reached the level
 * @param to               when it left it (the end of the run for the last stint)
 * @param decisions        decisions asked for (redemptions of approvals included)
 * @param allowed          of them allowed
 * @param approvalRequired of them held for a human
 * @param denied           of them denied
 * @param approved         approval requests a human approved
 * @param rejected         approval requests a human denied
 * @param failed           allowed calls whose outcome was reported failed
 */
public record LevelStint(String level, Instant from, Instant to, long decisions, long allowed, long approvalRequired,
                         long denied, long approved, long rejected, long failed) {
}
