package sandbox

// SetFrontEnd turns the PostgreSQL front end on or off for statements described from
// now on, so benchmarks can compare.
func (s *Server) SetFrontEnd(on bool) { s.noFrontEnd = !on }
