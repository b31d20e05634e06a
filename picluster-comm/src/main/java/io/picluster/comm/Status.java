package io.picluster.comm;

/**
 * What arrived: who sent it, with which tag, how much and of what type; or, for a probe, what has
 * arrived and waits to be received.
 *
 * @param source the sender's rank in the communicator the message was received on (for an
 *     intercommunicator, in the remote group); {@link Comm#ANY_SOURCE} for a cancelled receive
 * @param tag the message's tag; {@link Comm#ANY_TAG} for a cancelled receive
 * @param count elements for an array message; payload bytes for an object message
 * @param bytes the payload's size on the wire, in bytes
 * @param elementType the element class of an array message ({@code int.class}, {@code char.class}...),
 *     {@code Object.class} for an object message
 * @param cancelled true if the receive was withdrawn with {@link Request#cancel()} (then nothing
 *     was received)
 */
public record Status(int source, int tag, int count, long bytes, Class<?> elementType, boolean cancelled) {}
