// Package workers runs a loop's iterations on a bounded number of goroutines: the one
// concurrency helper parsing, compiling and evaluating share.
package workers

import (
	"runtime"
	"sync"
)

// Each runs fn(0..n-1) on at most workers goroutines and returns when all are done.
func Each(n, workers int, fn func(i int)) {
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Split runs fn once for each part of 0..n-1, in contiguous ranges [from, to): as many parts
// side by side as there are cores once n reaches from, else one. The large documents and
// reports (100,000 ACL users, their findings) use it; small ones stay on one goroutine.
// Parts says how many parts it makes, for a caller holding one result per part.
func Split(n, from int, fn func(part, lo, hi int)) {
	parts := Parts(n, from)
	Each(parts, parts, func(p int) { fn(p, p*n/parts, (p+1)*n/parts) })
}

// Parts is how many parts Split cuts n elements into.
func Parts(n, from int) int {
	if n >= from {
		return max(1, min(runtime.GOMAXPROCS(0), n))
	}
	return 1
}
