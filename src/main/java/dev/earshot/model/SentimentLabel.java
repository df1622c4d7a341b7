package dev.earshot.model;

public enum SentimentLabel {
    NEGATIVE, NEUTRAL, POSITIVE
}
