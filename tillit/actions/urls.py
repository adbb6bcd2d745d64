from django.urls import path

from tillit.actions import views

app_name = "actions"
urlpatterns = [
    path("ny/<str:source>/<int:source_id>/", views.action_add, name="action_add"),
    path("<int:pk>/status/", views.action_status, name="action_status"),
    path("<int:pk>/planera-uppfoljning/", views.action_plan, name="action_plan"),
    path("<int:pk>/uppfoljning/", views.action_followup, name="action_followup"),
]
