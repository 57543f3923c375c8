package org.mbccds.clinical;

public enum Sex { FEMALE, MALE, UNKNOWN }
