/** A small strict JSON reader for the export and key formats (JDK only). */
package dev.warden.audit.json;
