//go:build !unix

package confine

// Without O_NOFOLLOW and O_DIRECTORY the identity check after the open (os.SameFile against
// what the walk validated) is what catches a file replaced in between.
const (
	oNonblock  = 0
	oNoFollow  = 0
	oDirectory = 0
)
