package io.picluster.setup.doctor;

/**
 * One directed connection of the port probe: from one node's backbone address to another node's
 * listener.
 *
 * @param from the connecting node's name
 * @param fromAddress its backbone address
 * @param to the listening node's name
 * @param toAddress its backbone address
 * @param port the listener's port
 * @param ok whether the connection was made and the listener answered
 * @param reason why not (the probe's words); null when ok
 */
public record PortPair(String from, String fromAddress, String to, String toAddress, int port,
    boolean ok, String reason) {}
