/**
 * The library a picluster job links against: {@link io.picluster.comm.Comm} for ranks, messages
 * and collectives, in two layers as mpi4py has them: any object (serialized), and primitive arrays
 * with offset and count (copied, never serialized). Depends on the JDK alone.
 */
package io.picluster.comm;
