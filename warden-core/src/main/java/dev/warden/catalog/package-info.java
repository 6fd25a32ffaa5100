/** The tool catalog: effect classes, risk tiers and input schemas of every action Warden governs. */
package dev.warden.catalog;
