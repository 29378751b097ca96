package processor

import (
	"math"

	commonv1 "github.com/flow-proto/flow-proto/gen/go/flow/common/v1"
)

// budget is credit one side has left, in records and bytes. Grants add up (common.v1.Credit);
// counts are kept in uint64 and saturate, so that many uint32 record grants can neither wrap
// around nor overflow into "no credit".
type budget struct {
	records uint64
	bytes   uint64
}

// add adds a grant. A nil grant (an unset `initial_credit`) grants nothing.
func (b *budget) add(c *commonv1.Credit) {
	b.records = satAdd(b.records, uint64(c.GetRecords()))
	b.bytes = satAdd(b.bytes, c.GetBytes())
}

// fits reports whether a batch of that many records and bytes may be sent now.
func (b *budget) fits(records, bytes uint64) bool {
	return records <= b.records && bytes <= b.bytes
}

// take uses up a batch's credit. Callers check fits first.
func (b *budget) take(records, bytes uint64) {
	b.records -= records
	b.bytes -= bytes
}

func satAdd(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}
