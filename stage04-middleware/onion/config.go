package onion

import (
	"errors"
	"flag"
	"time"
)

// Config is the settings of the middleware.
type Config struct {
	RateLimit       float64       // requests per second, for the whole server
	RateBurst       int           // requests allowed at once above the rate
	BreakerFailures uint          // consecutive failures that open a method's breaker (a uint, as package flag reads it)
	BreakerTimeout  time.Duration // how long a breaker stays open before a trial request
}

// RegisterFlags defines the flags of the middleware's settings on fs, with
// their defaults.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.Float64Var(&c.RateLimit, "rate-limit", 100, "requests per second the server accepts, all methods (and transports) together")
	fs.IntVar(&c.RateBurst, "rate-burst", 50, "requests accepted at once above the rate")
	fs.UintVar(&c.BreakerFailures, "breaker-failures", 5, "consecutive failures of a method that open its circuit breaker")
	fs.DurationVar(&c.BreakerTimeout, "breaker-timeout", 10*time.Second, "how long an open breaker refuses requests before it tries one")
}

// Validate reports settings that would make the middleware refuse
// everything or nothing.
func (c Config) Validate() error {
	if c.RateLimit <= 0 || c.RateBurst < 1 || c.BreakerFailures < 1 || c.BreakerTimeout <= 0 {
		return errors.New("-rate-limit, -rate-burst, -breaker-failures and -breaker-timeout must be positive")
	}
	return nil
}
