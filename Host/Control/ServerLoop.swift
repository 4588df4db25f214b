import Glibc

/// The server thread's work: one `poll` over the wake-up channel, the listening socket and every
/// open connection, so a slow or silent client never holds up another one.
///
/// Runs on the server thread only, from `run()` until a byte arrives on the wake-up channel.
/// Each connection carries one request: read one line, run its handler on this thread, write
/// one response line, close. A connection that has not sent a whole line within
/// `readTimeout` gets an error response and is closed; one that does not take its response
/// within another `readTimeout` is closed. At most `maximumConnections` are open at once; more
/// wait in the kernel's listen queue.
struct ServerLoop {
  /// The most connections served at once.
  static let maximumConnections = 32
  /// How long accepting pauses after the process ran out of descriptors.
  static let acceptBackoff = Duration.milliseconds(100)

  let listener: ListeningSocket
  let wakeDescriptor: Int32
  let handlers: ControlHandlers
  let readTimeout: Duration
  let serverUID: UInt32
  private var connections: [ServerConnection] = []
  private var acceptPausedUntil: ContinuousClock.Instant?

  init(
    listener: ListeningSocket, wakeDescriptor: Int32, handlers: ControlHandlers,
    readTimeout: Duration, serverUID: UInt32
  ) {
    self.listener = listener
    self.wakeDescriptor = wakeDescriptor
    self.handlers = handlers
    self.readTimeout = readTimeout
    self.serverUID = serverUID
  }

  /// Serves until woken; closes every connection before returning (not the listener).
  mutating func run() {
    while true {
      let now = ContinuousClock.now
      if let paused = acceptPausedUntil, now >= paused { acceptPausedUntil = nil }
      let accepting =
        connections.count < Self.maximumConnections && acceptPausedUntil == nil
      var entries = [pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
      if accepting {
        entries.append(pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0))
      }
      let firstConnection = entries.count
      for connection in connections {
        entries.append(
          pollfd(fd: connection.descriptor, events: events(of: connection), revents: 0))
      }
      let ready = poll(&entries, nfds_t(entries.count), timeout(from: now))
      if ready < 0 { continue }  // EINTR; ENOMEM passes; nothing else can happen here.
      if entries[0].revents != 0 { break }
      for (index, entry) in entries[firstConnection...].enumerated() where entry.revents != 0 {
        service(index)
      }
      expireConnections(at: .now)
      connections.removeAll { $0.isClosed }
      if accepting && entries[1].revents != 0 { acceptPending() }
    }
    for index in connections.indices where !connections[index].isClosed { close(index) }
    connections = []
  }

  // MARK: Polling

  private func events(of connection: ServerConnection) -> Int16 {
    if case .writing = connection.phase { Int16(POLLOUT) } else { Int16(POLLIN) }
  }

  /// Milliseconds until the next deadline, or -1 (wait for an event) when there is none.
  private func timeout(from now: ContinuousClock.Instant) -> Int32 {
    var earliest = acceptPausedUntil
    for connection in connections where earliest.map({ connection.deadline < $0 }) ?? true {
      earliest = connection.deadline
    }
    guard let earliest else { return -1 }
    return (earliest - now).pollMilliseconds
  }

  /// Reads or writes, whichever the connection's phase waits for (a hang-up or error shows up
  /// as a failed `recv` or `send`, which closes it).
  private mutating func service(_ index: Int) {
    switch connections[index].phase {
    case .reading: receive(index)
    case .writing: flush(index)
    case .closed: break
    }
  }

  private mutating func expireConnections(at now: ContinuousClock.Instant) {
    for index in connections.indices where connections[index].deadline <= now {
      switch connections[index].phase {
      case .reading:
        let message = "no complete request arrived within \(readTimeout.spokenText)"
        _ = SocketCalls.sendSome(
          connections[index].descriptor, ControlResponse.failure(message).wireLine, from: 0)
        close(index)
      case .writing:
        close(index)
      case .closed:
        break
      }
    }
  }

  // MARK: Accepting

  /// Accepts what the listen queue holds, up to the connection limit. Every peer is checked
  /// with `SO_PEERCRED` first: another user's connection gets a refusal and is closed unread.
  ///
  /// `accept4` is not visible to Swift, so close-on-exec is set just after `accept`: a process
  /// that another thread forks and execs in that instant may inherit the connection.
  private mutating func acceptPending() {
    while connections.count < Self.maximumConnections {
      let descriptor = accept(listener.descriptor, nil, nil)
      guard descriptor >= 0 else {
        switch errno {
        case EINTR, ECONNABORTED, EPROTO: continue
        case EMFILE, ENFILE, ENOBUFS, ENOMEM: acceptPausedUntil = .now + Self.acceptBackoff
        default: break  // EAGAIN: the queue is empty.
        }
        return
      }
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
      SocketCalls.setNonBlocking(descriptor, true)
      connections.append(ServerConnection(descriptor: descriptor, deadline: .now + readTimeout))
      let peer = PeerCredentials.of(socket: descriptor)
      if let peer, PeerCredentials.isAllowed(peerUID: peer.userID, serverUID: serverUID) {
        continue
      }
      let who = peer.map { "uid \($0.userID)" } ?? "a peer of unknown uid"
      reply(
        connections.count - 1,
        .failure("permission denied: this control socket serves uid \(serverUID) only, not \(who)"))
    }
  }

  // MARK: Reading and answering

  private mutating func receive(_ index: Int) {
    guard case .reading(var buffer) = connections[index].phase else { return }
    let descriptor = connections[index].descriptor
    var chunk = [UInt8](repeating: 0, count: 4096)
    let count = chunk.withUnsafeMutableBytes { raw in
      while true {
        let received = recv(descriptor, raw.baseAddress, raw.count, 0)
        if received >= 0 || errno != EINTR { return received }
      }
    }
    if count < 0 {
      if errno != EAGAIN && errno != EWOULDBLOCK { close(index) }
      return
    }
    if count == 0 {
      // The client shut down its side. A request without its final newline still counts.
      if buffer.bytes.isEmpty { close(index) } else { answer(index, line: buffer.bytes) }
      return
    }
    switch buffer.append(chunk[..<count]) {
    case .incomplete:
      connections[index].phase = .reading(buffer)
    case .line(let line):
      answer(index, line: line)
    case .tooLong:
      reply(
        index,
        .failure(
          "the request line is longer than the limit of \(buffer.limit) bytes; "
            + "send one request of at most \(buffer.limit) bytes per line"))
    }
  }

  /// Parses the line and runs the handler for it, on this thread.
  private mutating func answer(_ index: Int, line: [UInt8]) {
    let response: ControlResponse
    do {
      response = handlers.respond(to: try ControlRequest(wireLine: line))
    } catch {
      response = .failure(error.message)
    }
    reply(index, response)
  }

  /// Starts writing `response`; the connection closes once it is sent.
  private mutating func reply(_ index: Int, _ response: ControlResponse) {
    connections[index].phase = .writing(response: response.wireLine, offset: 0)
    connections[index].deadline = .now + readTimeout
    flush(index)
  }

  /// Sends what the socket takes now. A client that has gone away (EPIPE, ECONNRESET) is
  /// closed quietly: `MSG_NOSIGNAL` keeps SIGPIPE from killing the process.
  private mutating func flush(_ index: Int) {
    guard case .writing(let response, let offset) = connections[index].phase else { return }
    let sent = SocketCalls.sendSome(connections[index].descriptor, response, from: offset)
    if sent < 0 {
      if errno != EAGAIN && errno != EWOULDBLOCK { close(index) }
      return
    }
    if offset + sent == response.count {
      close(index)
    } else {
      connections[index].phase = .writing(response: response, offset: offset + sent)
    }
  }

  private mutating func close(_ index: Int) {
    Glibc.close(connections[index].descriptor)
    connections[index].phase = .closed
  }
}
