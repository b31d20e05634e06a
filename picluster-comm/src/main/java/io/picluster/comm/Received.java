package io.picluster.comm;

/** An object received together with its {@link Status}: who sent it, with which tag. */
public record Received<T>(T value, Status status) {}
