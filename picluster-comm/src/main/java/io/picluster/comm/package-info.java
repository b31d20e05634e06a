/**
 * The library a picluster job links against: {@link io.picluster.comm.Comm} for ranks, messages
 * and collectives, in two layers as mpi4py has them: any object (serialized), and primitive arrays
 * with offset and count (copied, never serialized). Depends on the JDK alone.
 *
 * <p>It also has what an MPI binding needs (package {@code mpi} is built on it): sends and receives
 * of any primitive array ({@code isendArray}, {@code irecvArray}), standard or synchronous
 * ({@link io.picluster.comm.SendMode}); {@code probe}/{@code iprobe}; {@link
 * io.picluster.comm.Request#cancel()} and {@link io.picluster.comm.Request#awaitAny}; collectives on
 * any primitive array, with user reductions ({@link io.picluster.comm.ArrayOp}) combined in rank
 * order, prefix scans and reduce-scatter; {@code dup}, {@code create} and the job-wide ranks of a
 * communicator; and intercommunicators ({@link io.picluster.comm.InterComm}).
 */
package io.picluster.comm;
