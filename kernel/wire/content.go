package wire

// Message types.
const (
	ExecuteRequest    = "execute_request"
	ExecuteReply      = "execute_reply"
	ExecuteInput      = "execute_input"
	ExecuteResult     = "execute_result"
	Stream            = "stream"
	DisplayData       = "display_data"
	UpdateDisplayData = "update_display_data"
	ClearOutput       = "clear_output"
	Error             = "error"
	Status            = "status"
	KernelInfoRequest = "kernel_info_request"
	KernelInfoReply   = "kernel_info_reply"
	CompleteRequest   = "complete_request"
	CompleteReply     = "complete_reply"
	InspectRequest    = "inspect_request"
	InspectReply      = "inspect_reply"
	IsCompleteRequest = "is_complete_request"
	IsCompleteReply   = "is_complete_reply"
	HistoryRequest    = "history_request"
	HistoryReply      = "history_reply"
	CommInfoRequest   = "comm_info_request"
	CommInfoReply     = "comm_info_reply"
	CommOpen          = "comm_open"
	CommMsg           = "comm_msg"
	CommClose         = "comm_close"
	ShutdownRequest   = "shutdown_request"
	ShutdownReply     = "shutdown_reply"
	InterruptRequest  = "interrupt_request"
	InterruptReply    = "interrupt_reply"
	InputRequest      = "input_request"
	InputReply        = "input_reply"
	DebugRequest      = "debug_request"
	DebugReply        = "debug_reply"
	DebugEvent        = "debug_event"
)

// ExecuteRequestContent is the content of an execute_request.
type ExecuteRequestContent struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history,omitempty"` // default true
	UserExpressions map[string]string `json:"user_expressions,omitempty"`
	AllowStdin      *bool             `json:"allow_stdin,omitempty"`   // default true
	StopOnError     *bool             `json:"stop_on_error,omitempty"` // default true
}

// ExecuteReplyContent is the content of an execute_reply. Status is "ok", "error" or
// "aborted"; the error fields are set when it is "error".
type ExecuteReplyContent struct {
	Status          string         `json:"status"`
	ExecutionCount  int            `json:"execution_count"`
	UserExpressions map[string]any `json:"user_expressions,omitempty"`
	Payload         []any          `json:"payload,omitempty"`
	EName           string         `json:"ename,omitempty"`
	EValue          string         `json:"evalue,omitempty"`
	Traceback       []string       `json:"traceback,omitempty"`
}

// StatusContent is the content of a status message: "starting", "busy" or "idle".
type StatusContent struct {
	ExecutionState string `json:"execution_state"`
}

// StreamContent is the content of a stream message: name is "stdout" or "stderr".
type StreamContent struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// ErrorContent is the content of an iopub error message.
type ErrorContent struct {
	EName     string   `json:"ename"`
	EValue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// DisplayDataContent is the content of display_data, update_display_data and (with
// ExecutionCount) execute_result.
type DisplayDataContent struct {
	ExecutionCount *int           `json:"execution_count,omitempty"`
	Data           map[string]any `json:"data"`
	Metadata       map[string]any `json:"metadata"`
	Transient      map[string]any `json:"transient,omitempty"`
}

// InputRequestContent is the content of an input_request on the stdin channel.
type InputRequestContent struct {
	Prompt   string `json:"prompt"`
	Password bool   `json:"password"`
}

// InputReplyContent is the content of an input_reply.
type InputReplyContent struct {
	Value string `json:"value"`
}
