package dev.earshot.model;

public enum AlertStatus {
    OPEN, UPDATED, RESOLVED
}
