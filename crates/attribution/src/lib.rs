//! Attribution: who claims, reports or denies an event.
