package org.jailsh.model;

/** How iocage stores a property on disk: yes/no properties as JSON numbers 0/1, everything else as strings. */
public enum PropertyType {
    FLAG, TEXT
}
