// Package procurement owns joint buying: demand, joint tenders with their
// lots, participants and mandates, MoSCoW requirements, the value,
// procedure and timeline rules and the tender lifecycle, and the bundler
// that proposes joint tenders from expiring contracts.
//
// Legal sources it implements as they arrive: Aanbestedingswet 2012
// art. 1.5 (clustering), 2.15–2.19 (estimated value), 2.71–2.74a (time
// limits), 2.127 (standstill), 2.140 (framework term); Delegated
// Regulation (EU) 2025/2152 (thresholds). It builds on package contracts
// and never the other way round.
package procurement
