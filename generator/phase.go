package generator

import "fmt"

// MiddlewarePhase is a slot of the request pipeline in src/app.js. The phases follow question 10
// of the seed; a contribution can only name a phase, never a position, so nothing can register
// out of order.
type MiddlewarePhase int

// The phases, in the order app.js registers them.
const (
	PhaseSettings MiddlewarePhase = iota + 1
	PhaseHealth
	PhaseInfrastructure
	PhaseParsers
	PhaseAuthentication
	PhaseRoutes
	PhaseNotFound
	PhaseErrorHandler
)

var phaseNames = [...]string{
	PhaseSettings:       "settings",
	PhaseHealth:         "health",
	PhaseInfrastructure: "infrastructure",
	PhaseParsers:        "parsers",
	PhaseAuthentication: "authentication",
	PhaseRoutes:         "routes",
	PhaseNotFound:       "not found",
	PhaseErrorHandler:   "error handler",
}

var phaseComments = [...]string{
	PhaseSettings:       "Settings: client IPs come from X-Forwarded-For only through the configured number of proxies.",
	PhaseHealth:         "Health: probes are answered before logging, rate limits and security headers.",
	PhaseInfrastructure: "Infrastructure: from here on every response, errors included, carries these headers.",
	PhaseParsers:        "Parsers: bodies over the limit are refused before they are buffered.",
	PhaseAuthentication: "Authentication: who is calling; each route decides what they may do.",
	PhaseRoutes:         "Routes: one router per resource, versioned under /api/v1.",
	PhaseNotFound:       "Not found: only reached when no route answered.",
	PhaseErrorHandler:   "Error handler: last, so it sees errors from everything above.",
}

// Comment is the line src/app.js puts above the phase, saying why it sits where it does.
func (p MiddlewarePhase) Comment() string {
	if p < PhaseSettings || p > PhaseErrorHandler {
		return ""
	}
	return phaseComments[p]
}

// Phases lists every phase in pipeline order.
func Phases() []MiddlewarePhase {
	out := make([]MiddlewarePhase, 0, len(phaseNames)-1)
	for p := PhaseSettings; p <= PhaseErrorHandler; p++ {
		out = append(out, p)
	}
	return out
}

// String returns the phase's name as manifests spell it.
func (p MiddlewarePhase) String() string {
	if p < PhaseSettings || p > PhaseErrorHandler {
		return fmt.Sprintf("phase(%d)", int(p))
	}
	return phaseNames[p]
}

// ParsePhase returns the phase a manifest names.
func ParsePhase(name string) (MiddlewarePhase, error) {
	for _, p := range Phases() {
		if p.String() == name {
			return p, nil
		}
	}
	return 0, fmt.Errorf("unknown middleware phase %q", name)
}

// UnmarshalText lets manifests name phases as text.
func (p *MiddlewarePhase) UnmarshalText(text []byte) error {
	parsed, err := ParsePhase(string(text))
	if err != nil {
		return err
	}
	*p = parsed
	return nil
}

// MarshalText writes the phase's name.
func (p MiddlewarePhase) MarshalText() ([]byte, error) {
	return []byte(p.String()), nil
}
