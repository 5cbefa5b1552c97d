package compose

// Observe makes s tell fn, for each file it loads, whether the parts path answered (why is
// nil) or the full loader had to (why says what the parts could not answer).
func Observe(s *Scanner, fn func(rel string, why error)) { s.observe = fn }
