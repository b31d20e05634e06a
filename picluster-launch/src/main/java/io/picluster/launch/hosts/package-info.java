/**
 * Host lists and rank placement, as mpiexec (MPICH's Hydra) has them; no network I/O except in
 * {@link io.picluster.launch.hosts.LocalHostCheck}'s name resolution.
 *
 * <ul>
 *   <li>{@link io.picluster.launch.hosts.HostList} parses {@code --hosts a,b:2} and hostfiles (MPICH
 *       {@code host[:slots]} and Open MPI {@code host slots=N}), merging a repeated host into its
 *       first appearance with the slots added.
 *   <li>IPv6: in brackets when slots follow ({@code [fe80::1]:2}); bare ({@code ::1}) means one slot,
 *       because an entry with two or more ':' and no brackets is always read as an address.
 *   <li>{@link io.picluster.launch.hosts.Placement} fills slots in host order (or {@code -ppn} per
 *       host) and wraps around when {@code -n} exceeds them, exactly as Hydra 4.0 does, and gives
 *       the {@code PMI_process_mapping} value ({@link io.picluster.launch.hosts.MappingVector}).
 *   <li>{@link io.picluster.launch.hosts.LocalHostCheck} tells which host is the launcher's own.
 * </ul>
 *
 * <p>Every error is an {@link java.lang.IllegalArgumentException} with a one-line message naming
 * where the mistake is (option entry, or file and line), what is wrong and how to fix it.
 */
package io.picluster.launch.hosts;
