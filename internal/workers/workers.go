// Package workers runs a loop's iterations on a bounded number of goroutines: the one
// concurrency helper parsing, compiling and evaluating share.
package workers

import "sync"

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
