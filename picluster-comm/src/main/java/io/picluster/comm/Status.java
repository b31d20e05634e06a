package io.picluster.comm;

/**
 * What arrived: who sent it, with which tag, and how much.
 *
 * @param source the sender's rank in the communicator the message was received on
 * @param tag the message's tag
 * @param count elements received for an array receive; payload bytes for an object message
 * @param bytes the payload's size on the wire, in bytes
 */
public record Status(int source, int tag, int count, long bytes) {}
