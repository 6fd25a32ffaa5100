/**
 * Rollback plans (ATF R-4): an agent's completed actions in a window with the compensations the
 * catalog declares for them ({@link dev.warden.rollback.Rollbacks#plan}), stored durably, and run
 * by an operator through the normal decision point ({@link dev.warden.rollback.Rollbacks#run}).
 */
package dev.warden.rollback;
