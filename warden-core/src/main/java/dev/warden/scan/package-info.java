/**
 * Data governance (ATF D-1..D-5): detectors that find personal data, secrets, prompt injection and
 * toxic language in tool arguments, tool outputs, prompts and audit records.
 */
package dev.warden.scan;
