package kernel

// The contents of the replies and iopub messages the kernel builds itself (those shared
// with clients, such as execute_reply and display_data, are in kernel/wire). JSON names
// are the Jupyter messaging spec's. Fields are in the alphabetical order of their JSON
// names: the maps these types replaced were encoded in that order, so clients receive
// the same bytes (testdata/replies.golden).

// statusReply is a reply with nothing but its status: interrupt_reply.
type statusReply struct {
	Status string `json:"status"`
}

// errorReply is a request's reply with status "error", and one user expression that
// failed.
type errorReply struct {
	EName     string   `json:"ename"`
	EValue    string   `json:"evalue"`
	Status    string   `json:"status"`
	Traceback []string `json:"traceback"`
}

// newErrorReply is the error reply to a request the kernel could not serve: name and
// value, and a traceback of one line.
func newErrorReply(name, value string) errorReply {
	return errorReply{EName: name, EValue: value, Status: "error", Traceback: []string{name + ": " + value}}
}

// kernelInfoReply is the content of kernel_info_reply.
type kernelInfoReply struct {
	Banner                string       `json:"banner"`
	Debugger              bool         `json:"debugger,omitempty"` // sent only when true
	HelpLinks             []helpLink   `json:"help_links"`
	Implementation        string       `json:"implementation"`
	ImplementationVersion string       `json:"implementation_version"`
	LanguageInfo          languageInfo `json:"language_info"`
	ProtocolVersion       string       `json:"protocol_version"`
	Status                string       `json:"status"`
	SupportedFeatures     []string     `json:"supported_features"`
}

// languageInfo is kernel_info_reply's language_info.
type languageInfo struct {
	CodemirrorMode    string `json:"codemirror_mode"`
	FileExtension     string `json:"file_extension"`
	Mimetype          string `json:"mimetype"`
	Name              string `json:"name"`
	NbconvertExporter string `json:"nbconvert_exporter"`
	PygmentsLexer     string `json:"pygments_lexer"`
	Version           string `json:"version"`
}

// helpLink is one entry of kernel_info_reply's help_links.
type helpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// executeInput is the content of execute_input.
type executeInput struct {
	Code           string `json:"code"`
	ExecutionCount int    `json:"execution_count"`
}

// userExpressionValue is one user expression that evaluated: its display bundle.
type userExpressionValue struct {
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
	Status   string         `json:"status"`
}

// clearOutput is the content of clear_output.
type clearOutput struct {
	Wait bool `json:"wait"`
}

// completeReply is the content of complete_reply; cursor positions are in code points.
type completeReply struct {
	CursorEnd   int            `json:"cursor_end"`
	CursorStart int            `json:"cursor_start"`
	Matches     []string       `json:"matches"`
	Metadata    map[string]any `json:"metadata"`
	Status      string         `json:"status"`
}

// inspectReply is the content of inspect_reply.
type inspectReply struct {
	Data     map[string]any `json:"data"`
	Found    bool           `json:"found"`
	Metadata map[string]any `json:"metadata"`
	Status   string         `json:"status"`
}

// isCompleteReply is the content of is_complete_reply; Indent is sent only with status
// "incomplete" (and then even when empty).
type isCompleteReply struct {
	Indent *string `json:"indent,omitempty"`
	Status string  `json:"status"`
}

// historyReply is the content of history_reply: entries are [session, line, input] or,
// with output, [session, line, [input, output]].
type historyReply struct {
	History [][]any `json:"history"`
	Status  string  `json:"status"`
}

// commInfoReply is the content of comm_info_reply, the open comms by id.
type commInfoReply struct {
	Comms  map[string]commInfo `json:"comms"`
	Status string              `json:"status"`
}

// commInfo is one comm of comm_info_reply.
type commInfo struct {
	TargetName string `json:"target_name"`
}

// commClose is the content of the comm_close the kernel sends.
type commClose struct {
	CommID string         `json:"comm_id"`
	Data   map[string]any `json:"data"`
}

// shutdownReply is the content of shutdown_reply, on its channel and on iopub.
type shutdownReply struct {
	Restart bool   `json:"restart"`
	Status  string `json:"status"`
}
