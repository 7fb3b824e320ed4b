package org.jailsh.model;

/** Turns text typed by a user into the value stored on disk, or explains why it cannot. */
@FunctionalInterface
public interface ValueCheck {

    Object parse(String jail, Property property, String text);
}
