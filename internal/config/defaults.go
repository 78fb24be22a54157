package config

import (
	"time"

	"github.com/spf13/viper"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

// The default of every key.

// defaultIndexation is 3 % a year: an assumption, stated as such on the
// pages, until the organization enters the CBS J62 figures.
const defaultIndexation = 300

// setDefaults holds every default; Bind relies on each key having one, so
// that a key set only in the environment still reaches Unmarshal.
func setDefaults(v *viper.Viper) {
	v.SetDefault("server.addr", "127.0.0.1:8080")
	v.SetDefault("server.readTimeout", 30*time.Second)
	v.SetDefault("server.writeTimeout", 120*time.Second)
	v.SetDefault("server.idleTimeout", 120*time.Second)
	v.SetDefault("server.shutdownTimeout", 15*time.Second)
	v.SetDefault("server.bodyLimitMB", 64)
	v.SetDefault("server.heavyReads", 2)
	v.SetDefault("server.heavyExports", 2)
	v.SetDefault("imports.maxConcurrent", 2)
	v.SetDefault("imports.maxRows", 250_000)
	v.SetDefault("imports.maxCells", 5_000_000)
	v.SetDefault("imports.maxCellBytes", 32_767)
	v.SetDefault("imports.maxUnpackedMB", 256)
	v.SetDefault("audit.keyFile", "")
	v.SetDefault("audit.checkpointFile", "")
	v.SetDefault("db.driver", "sqlite")
	v.SetDefault("db.url", "")
	v.SetDefault("db.path", "data/samenkoop.db")
	v.SetDefault("db.autoMigrate", true)
	v.SetDefault("db.busyTimeout", 5*time.Second)
	v.SetDefault("auth.sessionLifetime", 12*time.Hour)
	v.SetDefault("auth.idleTimeout", 30*time.Minute)
	v.SetDefault("auth.secureCookies", false)
	v.SetDefault("auth.loginFailures", 10)
	v.SetDefault("auth.loginWindow", time.Minute)
	v.SetDefault("log.level", "info")
	v.SetDefault("log.format", "text")
	v.SetDefault("demo.seed", 1)
	w := contracts.DefaultLockInWeights()
	v.SetDefault("rules.lockInWeights.noExitPlan", w.NoExitPlan)
	v.SetDefault("rules.lockInWeights.noOpenData", w.NoOpenData)
	v.SetDefault("rules.lockInWeights.tenure", w.Tenure)
	v.SetDefault("rules.lockInWeights.vendorShare", w.VendorShare)
	v.SetDefault("rules.lockInWeights.tacitRenewal", w.TacitRenewal)
	v.SetDefault("rules.lockInWeights.criticalWithoutContinuity", w.CriticalWithoutContinuity)
	v.SetDefault("rules.indexationDefault", defaultIndexation)
	pr := procurement.DefaultRules()
	v.SetDefault("rules.procurement.mustShareBasisPoints", pr.MustShare)
	v.SetDefault("rules.procurement.preparationDays", pr.Durations.Preparation)
	v.SetDefault("rules.procurement.selectionDays", pr.Durations.Selection)
	v.SetDefault("rules.procurement.evaluationDays", pr.Durations.Evaluation)
	v.SetDefault("rules.procurement.implementationDays", pr.Durations.Implementation)
	v.SetDefault("rules.procurement.openPINDays", pr.Limits.OpenPIN)
	b := procurement.DefaultBundling()
	v.SetDefault("rules.bundling.windowMonths", b.WindowMonths)
	v.SetDefault("rules.bundling.costPerTender", b.CostPerTender)
	v.SetDefault("rules.bundling.jointCostPerParticipant", b.JointCostPerParticipant)
	v.SetDefault("rules.bundling.volumeDiscountBasisPoints", b.VolumeDiscountBasisPoints)
	var equal []string
	for _, d := range contracts.DefaultEqualDays() {
		equal = append(equal, d.String())
	}
	v.SetDefault("rules.calendar.equalDays", equal)
	v.SetDefault("exports.ocidPrefix", exports.DefaultOCIDPrefix)
	v.SetDefault("exports.ocdsLicense", "")
	v.SetDefault("exports.ocdsPublicationPolicy", "")
	v.SetDefault("api.contact.name", "Samenkoop")
	v.SetDefault("api.contact.url", "")
	v.SetDefault("api.contact.email", "")
	// rules.indexation has no default: without figures every year takes
	// indexationDefault. New binds its environment variable by hand.
}
