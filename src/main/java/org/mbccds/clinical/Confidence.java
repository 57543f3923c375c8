package org.mbccds.clinical;

public enum Confidence { HIGH, MEDIUM, LOW }
