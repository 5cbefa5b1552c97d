package main

import "unsafe"

// unsafePointer views an inotify read buffer as the kernel's event struct.
func unsafePointer(b []byte) unsafe.Pointer { return unsafe.Pointer(&b[0]) }
