package dev.warden.policy;

/**
 * The text of one policy file.
 *
 * @param name the file name, used in error messages and default policy ids
 * @param text the policy source
 */
public record PolicySource(String name, String text) {
}
