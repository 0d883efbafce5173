import SimulationCore

/// Where the model asks for memory early (see ``CacheHint`` for what it buys).
extension ReplicationModel {
    /// Asks for what the next events will touch while this one is handled: the work item of the
    /// event after next, and the case state of the next (its item was asked for one event earlier).
    @inline(__always)
    func prefetchNext(_ a: Lookahead) {
        if a.afterKind == ModelEvent.work.rawValue { CacheHint.element(items, Int(a.afterSubject)) }
        let next: Int
        if a.nextKind == ModelEvent.work.rawValue {
            guard Int(a.nextSubject) < items.count else { return }
            next = Int(items[Int(a.nextSubject)].caseIndex)
        } else if a.nextKind == ModelEvent.arrival.rawValue || a.nextKind == ModelEvent.caseEnd.rawValue
                    || a.nextKind == ModelEvent.reRelease.rawValue {
            next = Int(a.nextSubject)
        } else { return }
        CacheHint.element(state, next)
    }

    /// Asks for case j's state and the reference to its bookings (the month's loop, a few cases ahead).
    @inline(__always)
    func prefetchCase(_ j: Int) {
        CacheHint.element(state, j)
        CacheHint.element(bookings, j)
    }
}
